import type { ReactNode, Ref } from 'react';

export type HeadingLevel = 2 | 3 | 4 | 5;

/**
 * The workspace sits under an h1 on the family page and under an h2 in the meeting room, so its
 * headings take their level from where it is mounted and the outline stays unbroken.
 */
export function Heading({
  level,
  id,
  className,
  children,
  tabIndex,
  ref,
}: {
  level: HeadingLevel;
  id?: string;
  className?: string;
  children: ReactNode;
  tabIndex?: number;
  ref?: Ref<HTMLHeadingElement>;
}) {
  const Tag = `h${level}` as const;
  return (
    <Tag ref={ref} id={id} className={className} tabIndex={tabIndex}>
      {children}
    </Tag>
  );
}

export const below = (level: HeadingLevel): HeadingLevel => Math.min(level + 1, 5) as HeadingLevel;
