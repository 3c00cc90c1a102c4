// A matrix picture: one row per element of another instrument, one column per UN norm, a dot where they map.
// Drawn on the server with presentation attributes only (no inline styles), so the strict CSP allows it.
const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'];

export interface MatrixRow {
  id: string;
  label: string;
  norms: string[];
}

export function NormMatrix(props: { title: string; rows: MatrixRow[]; normLabel: string }) {
  const cell = 26;
  const labelWidth = 330;
  const top = 34;
  const width = labelWidth + cell * LETTERS.length + 8;
  const height = top + cell * props.rows.length + 6;
  const titleId = `matrix-${props.rows[0]?.id ?? 'empty'}`;
  return (
    <svg class="matrix" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} width="100%">
      <title id={titleId}>{props.title}</title>
      {LETTERS.map((l, i) => (
        <a href={`/norms/${l}`}>
          <text
            x={labelWidth + i * cell + cell / 2}
            y={22}
            text-anchor="middle"
            font-size="14"
            font-weight="bold"
            fill="currentColor"
          >
            {l}
          </text>
        </a>
      ))}
      {props.rows.map((row, r) => {
        const y = top + r * cell;
        return (
          <g>
            {r % 2 === 0 && <rect x={0} y={y} width={width} height={cell} fill="#8881" />}
            <text x={6} y={y + 17} font-size="12.5" fill="currentColor">
              {row.label.length > 44 ? `${row.label.slice(0, 42)}…` : row.label}
            </text>
            {LETTERS.map((l, i) => {
              const on = row.norms.includes(l);
              return (
                <circle cx={labelWidth + i * cell + cell / 2} cy={y + cell / 2} r={on ? 7.5 : 2} fill={on ? '#1f6feb' : '#8889'}>
                  <title>{`${row.label} — ${props.normLabel} (${l}): ${on ? '●' : '–'}`}</title>
                </circle>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
