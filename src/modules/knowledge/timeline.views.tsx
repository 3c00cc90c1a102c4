// The UN process as a picture: a proportional year axis from 1998 to 2026 on the left, one evenly spaced
// row per event on the right, and a line from each event to its place in time, so clusters stay readable.
// Presentation attributes only, so the strict CSP allows it; each row links to its entry below.
import type { TimelineRow } from './knowledge.queries.ts';
import type { Text } from './knowledge.service.ts';

const FIRST = 1998;
const LAST = 2027;

function yearOf(date: string) {
  const [y, m, d] = date.split('-').map(Number);
  return y + ((m - 1) * 30.4 + d) / 366;
}

export function TimelinePicture(props: {
  title: string;
  events: (TimelineRow & { text: Record<'date_label' | 'title', Text> })[];
}) {
  const row = 26;
  const top = 16;
  const height = top * 2 + row * Math.max(1, props.events.length - 1);
  const axisX = 58;
  const textX = 230;
  // Wide enough for the longest label in this language (CJK characters take about twice a Latin letter's
  // width at 12 px), so no label is cut; on a phone the picture scrolls inside its frame instead.
  const textWidth = (text: string) => [...text].reduce((w, c) => w + ((c.codePointAt(0) ?? 0) >= 0x2e80 ? 12.5 : 7), 0);
  const width = Math.max(
    820,
    Math.ceil(
      textX + 16 + Math.max(0, ...props.events.map((e) => textWidth(`${e.text.date_label.text} — ${e.text.title.text}`))),
    ),
  );
  const yTime = (year: number) => top + ((year - FIRST) / (LAST - FIRST)) * (height - top * 2);
  const years = Array.from({ length: LAST - FIRST + 1 }, (_, i) => FIRST + i);
  return (
    <svg class="timeline" viewBox={`0 0 ${width} ${height + 10}`} role="group" aria-labelledby="timeline-title" width="100%">
      <title id="timeline-title">{props.title}</title>
      <line x1={axisX} y1={top} x2={axisX} y2={height - top} stroke="currentColor" stroke-width="2" />
      {years.map((year) => (
        <g>
          <line x1={axisX - 4} y1={yTime(year)} x2={axisX + 4} y2={yTime(year)} stroke="currentColor" />
          {year % 2 === 0 && (
            <text x={axisX - 8} y={yTime(year) + 4} font-size="11" text-anchor="end" fill="currentColor">
              {year}
            </text>
          )}
        </g>
      ))}
      {props.events.map((e, i) => {
        const ty = yTime(yearOf(e.sort_date));
        const ry = top + i * row;
        return (
          <a href={`#${e.id}`}>
            <path
              d={`M${axisX} ${ty} C ${axisX + 70} ${ty}, ${textX - 80} ${ry}, ${textX - 8} ${ry}`}
              fill="none"
              stroke="#1f6feb"
              stroke-width="1"
            />
            <circle cx={axisX} cy={ty} r={4} fill="#1f6feb" />
            <text x={textX} y={ry + 4} font-size="12" fill="currentColor">
              <tspan font-weight="bold">{e.text.date_label.text}</tspan>
              {` — ${e.text.title.text}`}
            </text>
          </a>
        );
      })}
    </svg>
  );
}
