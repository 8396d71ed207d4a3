import type { Genogram } from '../model/genogram/genogram.js';
import type { Point } from './geometry.js';
import { compareStrings, convexHull, emptyRect, growRect, pt } from './geometry.js';
import { uniqueById } from './layoutGraph.js';
import type { HouseholdLayout } from './layoutTypes.js';
import type { Scene } from './drawCommon.js';
import { U, roundPath } from './drawCommon.js';
import { personWithLabelBox } from './drawPeople.js';

/** Households ([L11]): an outline around every member's symbol and label; grows the family. */
export function drawHouseholds(genogram: Genogram, scene: Scene): HouseholdLayout[] {
  const { placed, at, family } = scene;
  const households: HouseholdLayout[] = [];
  uniqueById(genogram.households).forEach((household, index) => {
    const members = [...new Set(household.members)]
      .filter((m) => placed.has(m))
      .sort(compareStrings);
    if (members.length === 0) return;
    const padding = U.householdPadding + U.householdStep * (index % 4);
    const corners: Point[] = [];
    for (const m of members) {
      const box = personWithLabelBox(at(m));
      corners.push(
        { x: box.minX - padding, y: box.minY - padding },
        { x: box.maxX + padding, y: box.minY - padding },
        { x: box.minX - padding, y: box.maxY + padding },
        { x: box.maxX + padding, y: box.maxY + padding },
      );
    }
    const outline = convexHull(corners);
    const hullBox = emptyRect();
    for (const c of outline) {
      growRect(hullBox, c.x, c.y);
      growRect(family, c.x, c.y);
    }
    households.push({
      id: household.id,
      members,
      outline: roundPath(outline),
      padding,
      labelAt: pt(hullBox.minX, hullBox.minY),
    });
  });
  return households;
}
