import { memo } from "react";
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Row } from "./chat";
import { dimensionLabel, dimensionsOf, formatTick, formatValue, metricLabel, precisionOf, sentence, shortLabel, shortTime, varyingDimensions } from "./format";

/** Tableau's ten colours, which stay apart for most colour-blind readers, one per series. */
const SERIES = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
const BETTER = "#3b8f5a";
const WORSE = "#c23b3b";
const NEUTRAL = "#2f6fde";
const INK = "#5d6b82";

/** More series than this are drawn as small multiples, one small chart each: more colours would not stay apart. */
const MOST_SERIES = 6;

/** A category's name on the axis of horizontal bars is cut to this, so that it never wraps or crowds the bars. */
const LABEL_CHARACTERS = 16;

/** A category's name on one line, cut with an ellipsis, the whole of it in a tooltip. */
function CategoryTick({ x, y, payload }: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) {
  const name = String(payload?.value ?? "");
  return (
    <text x={Number(x) - 4} y={y} dy="0.35em" textAnchor="end" fontSize={12} fill={INK} className="recharts-cartesian-axis-tick-value">
      <title>{name}</title>
      {shortLabel(name, LABEL_CHARACTERS)}
    </text>
  );
}

/** A variance is measured from its plan, so its sign says better or worse; other metrics are judged against the average shown. */
const VARIANCE = /(^|_)variance(_|$)/;

type Judgement = "better" | "worse" | "even";

interface Judge {
  of: (value: number) => Judgement;
  /** what better and worse are measured against, for the legend */
  against: string;
}

/** How a bar compares, by the metric's higher_is_better; none when the model gives the metric no direction. */
function judgeOf(rows: Row[]): Judge | null {
  const higherIsBetter = rows[0].higher_is_better;
  if (higherIsBetter === null || higherIsBetter === undefined) return null;
  const values = rows.map((row) => row.value ?? 0);
  const variance = VARIANCE.test(rows[0].metric ?? "");
  const reference = variance ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    against: variance ? "the plan" : "the average shown",
    of: (value) => (value === reference ? "even" : value > reference === higherIsBetter ? "better" : "worse"),
  };
}

const COLOUR: Record<Judgement, string> = { better: BETTER, worse: WORSE, even: NEUTRAL };

/** The row data a chart draws: one entry per x value, holding the value of each series (or "value" for one). */
function tableOf(rows: Row[], x: string, series: string | undefined, time: boolean) {
  const byX = new Map<string, Record<string, string | number | null>>();
  for (const row of rows) {
    const dimensions = dimensionsOf(row);
    const at = dimensions[x] ?? "";
    const entry = byX.get(at) ?? { x: at };
    entry[series ? (dimensions[series] ?? "") : "value"] = row.value;
    byX.set(at, entry);
  }
  const entries = [...byX.values()];
  if (time) entries.sort((a, b) => String(a.x).localeCompare(String(b.x)));
  return entries;
}

/**
 * The chart that fits the numbers of one metric: a line over time, horizontal bars over categories (their names
 * stay readable on a phone), and with a second varying dimension one line or bar per value of it, with a legend.
 * Nothing for one number, or for three dimensions or more, which the table shows better.
 */
function DrawnChart({ rows }: { rows: Row[] }) {
  const varying = varyingDimensions(rows);
  if (varying.length === 0 || varying.length > 2) return null;
  const [axis, other] =
    varying.length === 2 && !varying[0].time && distinct(rows, varying[1].key) > distinct(rows, varying[0].key) ? [varying[1], varying[0]] : varying;
  const series = other ? [...new Set(rows.map((row) => dimensionsOf(row)[other.key] ?? ""))] : ["value"];
  const data = tableOf(rows, axis.key, other?.key, axis.time);
  const unit = rows[0].unit;
  const digits = precisionOf(
    rows.map((row) => row.value),
    unit,
  );
  const label = metricLabel(rows[0]);
  // the dimensions in the order the question named them, as the restatement says them
  const named = Object.keys(dimensionsOf(rows[0])).filter((key) => key === axis.key || key === other?.key);
  const title = `${sentence(label)} by ${named.map(dimensionLabel).join(" and ")}`;
  // colour says better or worse on bars; a line's points are read against each other
  const judge = other || axis.time ? null : judgeOf(rows);
  const scale = valueAxis(rows);
  const tooltip = (
    <Tooltip
      formatter={(value) => formatValue(typeof value === "number" ? value : null, unit, digits)}
      labelFormatter={(value) => String(value)}
      isAnimationActive={false}
    />
  );
  const legend = other ? <Legend verticalAlign="top" align="left" wrapperStyle={{ fontSize: 12, paddingBottom: 4 }} /> : null;
  const nameOf = (key: string) => (other ? key : label);

  if (other && series.length > MOST_SERIES) {
    const values = rows.flatMap((row) => (row.value === null ? [] : [row.value]));
    // one scale for all, in round steps: 0, 40, 80 rather than 0, 37.25, 74.5
    const step = roundStep(Math.max(0, ...values) / 2);
    const low = Math.min(0, ...values);
    const ticks = low < 0 ? undefined : [0, step, 2 * step];
    const domain: [number, number] = [low, Math.max(2 * step, ...values)];
    return (
      <figure className="chart multiples" data-testid="chart" data-chart="multiples" data-series={series.length}>
        <div className="multiples-grid">
          {series.map((key) => (
            <div key={key} className="multiple" data-testid="multiple">
              <p className="multiple-title">{key}</p>
              <ResponsiveContainer width="100%" height={120}>
                <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                  <CartesianGrid stroke="#dfe4ec" vertical={false} />
                  <XAxis dataKey="x" tickFormatter={axis.time ? shortTime : (value: string) => shortLabel(value, 8)} interval="preserveStartEnd" minTickGap={14} tick={{ fontSize: 10, fill: INK }} />
                  <YAxis width={44} domain={domain} ticks={ticks} tickCount={3} tickFormatter={(value: number) => formatTick(value, unit)} tick={{ fontSize: 10, fill: INK }} />
                  {tooltip}
                  <Line dataKey={key} name={key} stroke={NEUTRAL} strokeWidth={2} dot={false} isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </div>
          ))}
        </div>
        <figcaption>
          <span>
            {title}
            {unit && !label.endsWith(unit) ? ` (${unit})` : ""}, one chart per {dimensionLabel(other.key)} on one scale
          </span>
        </figcaption>
      </figure>
    );
  }

  let chart;
  if (axis.time) {
    chart = (
      <LineChart data={data} margin={{ top: 8, right: 24, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#dfe4ec" vertical={false} />
        <XAxis dataKey="x" tickFormatter={shortTime} interval="preserveStartEnd" minTickGap={14} tick={{ fontSize: 11, fill: INK }} />
        <YAxis width={56} ticks={scale.ticks} domain={scale.domain} tickFormatter={(value: number) => formatTick(value, unit)} tick={{ fontSize: 11, fill: INK }} />
        {tooltip}
        {legend}
        {series.map((key, i) => (
          <Line
            key={key}
            dataKey={key}
            name={nameOf(key)}
            stroke={other ? SERIES[i % SERIES.length] : NEUTRAL}
            strokeWidth={2}
            dot={{ r: other ? 2 : 3 }}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    );
  } else {
    const widest = Math.max(...data.map((entry) => String(entry.x).length));
    chart = (
      <BarChart data={data} layout="vertical" margin={{ top: 8, right: 28, bottom: 4, left: 0 }} barCategoryGap="20%">
        <CartesianGrid stroke="#dfe4ec" horizontal={false} />
        <XAxis type="number" ticks={scale.ticks} domain={scale.domain} tickFormatter={(value: number) => formatTick(value, unit)} minTickGap={14} tick={{ fontSize: 11, fill: INK }} />
        <YAxis type="category" dataKey="x" width={Math.min(LABEL_CHARACTERS, widest) * 8 + 12} tick={CategoryTick} interval={0} />
        {tooltip}
        {legend}
        {series.map((key, i) => (
          <Bar key={key} dataKey={key} name={nameOf(key)} fill={other ? SERIES[i % SERIES.length] : NEUTRAL} isAnimationActive={false}>
            {judge &&
              data.map((entry) => {
                const judgement = judge.of(Number(entry.value ?? 0));
                return <Cell key={String(entry.x)} fill={COLOUR[judgement]} className={`bar-${judgement}`} />;
              })}
          </Bar>
        ))}
      </BarChart>
    );
  }
  const height = axis.time ? 260 : Math.max(120, data.length * (14 + 12 * series.length) + (other ? 70 : 40));

  return (
    <figure className="chart" data-testid="chart" data-chart={axis.time ? "line" : "bar"} data-series={other ? series.length : 1}>
      <ResponsiveContainer width="100%" height={height}>
        {chart}
      </ResponsiveContainer>
      <figcaption>
        <span>
          {title}
          {unit && !label.endsWith(unit) ? ` (${unit})` : ""}
        </span>
        {judge && (
          <span className="judged">
            <span className="swatch better" /> better than {judge.against}
            <span className="swatch worse" /> worse
          </span>
        )}
      </figcaption>
    </figure>
  );
}

/**
 * The chart, drawn again only when its numbers change: every streamed part of an answer renders the whole
 * conversation, and redrawing each chart for each part would keep a long answer's page busy for minutes.
 */
export const Chart = memo(DrawnChart, (before, after) => sameRows(before.rows, after.rows));

function sameRows(before: Row[], after: Row[]): boolean {
  return before.length === after.length && before.every((row, i) => row.seq === after[i].seq && row.value === after[i].value && row.metric === after[i].metric);
}

/** A value axis from zero (or below it) in four or so round steps: 0, 10, 20, 30 rather than 0, 7, 14, 21, 28. */
function valueAxis(rows: Row[]): { ticks: number[]; domain: [number, number] } {
  const values = rows.flatMap((row) => (row.value === null ? [] : [row.value]));
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  const step = roundStep((high - low) / 4);
  const ticks: number[] = [];
  for (let tick = Math.floor(low / step) * step; tick < high + step; tick += step) ticks.push(tick);
  if (ticks.at(-1)! - step >= high && ticks.length > 2) ticks.pop();
  return { ticks, domain: [ticks[0], ticks.at(-1)!] };
}

/** The round number (1, 2, 2.5 or 5 times a power of ten) at or above this one. */
function roundStep(at: number): number {
  if (at <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(at));
  return ([1, 2, 2.5, 5, 10].find((factor) => factor * power >= at) ?? 10) * power;
}

function distinct(rows: Row[], key: string): number {
  return new Set(rows.map((row) => dimensionsOf(row)[key])).size;
}
