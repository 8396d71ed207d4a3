import type { GenogramLayout } from '@unitroom/shared';
import { textColourOn } from '../../../ui/colour';
import type { PeerSelection } from '../awareness';

const INK = '#0b0c0c';
/** Rings sit outside our own selection ring (7) and focus ring (12), a step further per person. */
const FIRST_RING = 16;
const RING_STEP = 5;
const TAG_HEIGHT = 16;
const TAG_CHAR_WIDTH = 6.4;

/**
 * Who else has which person selected: a ring in their colour with their name above. The ring has
 * a thin dark edge because some presence colours are too light on white for 3:1 on their own.
 */
export function PeerSelections({
  layout,
  peers,
}: {
  layout: GenogramLayout;
  peers: PeerSelection[];
}) {
  const boxes = new Map(layout.people.map((p) => [p.id as string, p.box]));
  const stacked = new Map<string, number>();
  return (
    <g aria-hidden="true" pointerEvents="none">
      {peers.map((peer) => {
        const box = boxes.get(peer.personId);
        if (!box) return null;
        const index = stacked.get(peer.personId) ?? 0;
        stacked.set(peer.personId, index + 1);
        const inflate = FIRST_RING + index * RING_STEP;
        const x = box.minX - inflate;
        const y = box.minY - inflate;
        const width = box.maxX - box.minX + inflate * 2;
        const height = box.maxY - box.minY + inflate * 2;
        const tagWidth = peer.user.name.length * TAG_CHAR_WIDTH + 10;
        const tagY = y - TAG_HEIGHT - 2 - index * (TAG_HEIGHT + 2);
        return (
          <g
            key={peer.clientId}
            data-testid="genogram-peer-selection"
            data-user={peer.user.name}
            data-person-id={peer.personId}
          >
            <rect
              x={x}
              y={y}
              width={width}
              height={height}
              rx={6}
              fill="none"
              stroke={INK}
              strokeWidth={5}
            />
            <rect
              x={x}
              y={y}
              width={width}
              height={height}
              rx={6}
              fill="none"
              stroke={peer.user.color}
              strokeWidth={3}
            />
            <rect x={x} y={tagY} width={tagWidth} height={TAG_HEIGHT} fill={peer.user.color} />
            <text
              x={x + 5}
              y={tagY + TAG_HEIGHT - 4}
              fontSize={11}
              fontWeight={700}
              fill={textColourOn(peer.user.color)}
            >
              {peer.user.name}
            </text>
          </g>
        );
      })}
    </g>
  );
}
