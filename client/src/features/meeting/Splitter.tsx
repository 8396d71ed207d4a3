import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { MAX_PERCENT, MIN_PERCENT, clampPercent } from './roomLayout';

const STEP = 5;

interface SplitterProps {
  /** `vertical`: a bar between two columns, moved left and right. */
  orientation: 'vertical' | 'horizontal';
  /** The size of the pane it controls (the one before it), in percent of the container. */
  value: number;
  onChange(value: number): void;
  label: string;
  /** The id of the pane whose size `value` is. */
  controls: string;
  /** True when the controlled pane comes after the bar, so the value grows the other way. */
  reversed?: boolean;
}

/**
 * A window splitter ([W2]): focusable, with the WAI-ARIA separator's value, moved by arrow keys
 * (Home and End for the limits) or dragged with a pointer.
 */
export function Splitter({
  orientation,
  value,
  onChange,
  label,
  controls,
  reversed = false,
}: SplitterProps) {
  const bar = useRef<HTMLDivElement>(null);
  const vertical = orientation === 'vertical';

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const grow: Record<string, number> = vertical
      ? { ArrowRight: STEP, ArrowLeft: -STEP }
      : { ArrowDown: STEP, ArrowUp: -STEP };
    const step = grow[event.key];
    let next: number | null = null;
    if (step !== undefined) next = value + (reversed ? -step : step);
    else if (event.key === 'Home') next = MIN_PERCENT;
    else if (event.key === 'End') next = MAX_PERCENT;
    if (next === null) return;
    event.preventDefault();
    onChange(clampPercent(next));
  };

  const moveTo = (event: PointerEvent<HTMLDivElement>) => {
    const container = bar.current?.parentElement;
    if (!container) return;
    const box = container.getBoundingClientRect();
    const fraction = vertical
      ? (event.clientX - box.left) / box.width
      : (event.clientY - box.top) / box.height;
    onChange(clampPercent((reversed ? 1 - fraction : fraction) * 100));
  };

  return (
    <div
      ref={bar}
      className={`splitter splitter--${orientation}`}
      role="separator"
      tabIndex={0}
      aria-orientation={orientation}
      aria-label={label}
      aria-controls={controls}
      aria-valuenow={value}
      aria-valuemin={MIN_PERCENT}
      aria-valuemax={MAX_PERCENT}
      aria-valuetext={`${value}%`}
      onKeyDown={onKeyDown}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        event.preventDefault();
      }}
      onPointerMove={(event) => {
        if (event.currentTarget.hasPointerCapture(event.pointerId)) moveTo(event);
      }}
      onPointerUp={(event) => event.currentTarget.releasePointerCapture(event.pointerId)}
    />
  );
}
