/** A small dependency-free bar chart; the label tells screen readers what it shows. */
export function BarChart({
  label,
  values,
  format,
}: {
  label: string;
  values: { key: string; value: number }[];
  format: (n: number) => string;
}) {
  const max = Math.max(1, ...values.map((v) => v.value));
  const width = 600;
  const height = 160;
  const bar = width / Math.max(1, values.length);
  const total = values.reduce((sum, v) => sum + v.value, 0);
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${label}: ${format(total)} in total over ${values.length} days`}
      >
        {values.map((v, i) => {
          const h = (v.value / max) * (height - 10);
          return (
            <rect
              key={v.key}
              x={i * bar + 1}
              y={height - h}
              width={Math.max(1, bar - 2)}
              height={h}
              className="bar"
            >
              <title>{`${v.key}: ${format(v.value)}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption>{label}</figcaption>
    </figure>
  );
}
