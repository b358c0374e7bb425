"use client";
// Failed verifications per day as bars with a hatch pattern; the exact figures are in the table
// under the chart, and the figure's label states the total and the worst day.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartPatternDefs, patternFill } from "./chart-patterns";

export function FailuresChart({ days, summary }: { days: { day: string; failures: number }[]; summary: string }) {
  return (
    <figure role="img" aria-label={summary} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={days} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
          <ChartPatternDefs />
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} interval={4} />
          <YAxis allowDecimals={false} />
          <Tooltip formatter={(v) => [v, "Failed verifications"]} />
          <Bar dataKey="failures" name="Failed verifications" fill={patternFill("hatch")} stroke="#7f1d1d" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
