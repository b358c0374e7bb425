"use client";
// Share of active users per method, as horizontal bars, each with its own fill pattern and its
// percentage written at the end of the bar: nothing depends on telling colours apart. The same
// numbers are in the table beside it (app/(console)/setup/page.tsx).
import { Bar, BarChart, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { ChartPatternDefs, patternFill, type PatternName } from "./chart-patterns";

export interface AdoptionBar {
  label: string;
  percent: number;
  pattern: PatternName;
}

export function AdoptionChart({ bars, summary }: { bars: AdoptionBar[]; summary: string }) {
  return (
    <figure role="img" aria-label={summary} className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 48, bottom: 4, left: 8 }}>
          <ChartPatternDefs />
          <XAxis type="number" domain={[0, 100]} tickFormatter={(v: number) => `${v} %`} />
          <YAxis type="category" dataKey="label" width={170} />
          <Bar dataKey="percent" isAnimationActive={false} stroke="#0f172a" strokeWidth={1}>
            {bars.map((b) => (
              <Cell key={b.label} fill={patternFill(b.pattern)} />
            ))}
            <LabelList dataKey="percent" position="right" formatter={(v) => `${v} %`} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
