// SVG fills that tell series apart by shape as well as colour (stripes, dots, cross-hatch, solid),
// so the charts read in greyscale and for colour-blind viewers (WCAG 1.4.1).
export const PATTERNS = {
  solid: { color: "#1d4ed8" },
  stripes: { color: "#047857" },
  dots: { color: "#7c3aed" },
  hatch: { color: "#b91c1c" },
} as const;
export type PatternName = keyof typeof PATTERNS;

export function patternFill(name: PatternName): string {
  return name === "solid" ? PATTERNS.solid.color : `url(#pattern-${name})`;
}

export function ChartPatternDefs() {
  return (
    <defs>
      <pattern id="pattern-stripes" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="8" height="8" fill="#d1fae5" />
        <rect width="4" height="8" fill={PATTERNS.stripes.color} />
      </pattern>
      <pattern id="pattern-dots" width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill="#ede9fe" />
        <circle cx="4" cy="4" r="2.2" fill={PATTERNS.dots.color} />
      </pattern>
      <pattern id="pattern-hatch" width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill="#fee2e2" />
        <path d="M0 0L8 8M8 0L0 8" stroke={PATTERNS.hatch.color} strokeWidth="1.5" />
      </pattern>
    </defs>
  );
}
