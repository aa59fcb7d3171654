import type { Row } from "./chat";
import { axisOf, dimensionsOf, formatValue, metricLabel } from "./format";

const WIDTH = 640;
const HEIGHT = 260;
const PAD = { top: 16, right: 16, bottom: 56, left: 72 };

/** A bar chart over a dimension, or a line chart over time, drawn as plain SVG. */
export function Chart({ rows }: { rows: Row[] }) {
  const axis = axisOf(rows);
  if (!axis) return null;
  const points = rows.map((row) => ({ label: dimensionsOf(row)[axis.key] ?? "", value: row.value ?? 0 }));
  if (axis.time) points.sort((a, b) => a.label.localeCompare(b.label));
  const unit = rows[0].unit;
  const max = Math.max(0, ...points.map((p) => p.value));
  const min = Math.min(0, ...points.map((p) => p.value));
  const span = max - min || 1;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const y = (value: number) => PAD.top + ((max - value) / span) * plotHeight;
  const step = plotWidth / points.length;
  const x = (index: number) => PAD.left + step * index + step / 2;
  const ticks = [max, (max + min) / 2, min];
  const everyNth = Math.ceil(points.length / 12);
  const title = `${metricLabel(rows[0].metric)} by ${axis.key.replace(/_/g, " ")}`;

  return (
    <figure className="chart" data-testid="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title} data-chart={axis.time ? "line" : "bar"}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} className="grid" />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" className="tick">
              {formatValue(tick, unit)}
            </text>
          </g>
        ))}
        {axis.time ? (
          <>
            <polyline className="line" points={points.map((p, i) => `${x(i)},${y(p.value)}`).join(" ")} />
            {points.map((p, i) => (
              <circle key={p.label} cx={x(i)} cy={y(p.value)} r={3.5} className="dot">
                <title>{`${p.label}: ${formatValue(p.value, unit)}`}</title>
              </circle>
            ))}
          </>
        ) : (
          points.map((p, i) => (
            <rect
              key={p.label}
              x={x(i) - step * 0.35}
              width={step * 0.7}
              y={Math.min(y(p.value), y(0))}
              height={Math.max(1, Math.abs(y(p.value) - y(0)))}
              className={p.value < 0 ? "bar negative" : "bar"}
            >
              <title>{`${p.label}: ${formatValue(p.value, unit)}`}</title>
            </rect>
          ))
        )}
        {points.map((p, i) =>
          i % everyNth === 0 ? (
            <text key={p.label} x={x(i)} y={HEIGHT - PAD.bottom + 14} className="tick" textAnchor="end" transform={`rotate(-35 ${x(i)} ${HEIGHT - PAD.bottom + 14})`}>
              {p.label.length > 14 ? `${p.label.slice(0, 13)}…` : p.label}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
