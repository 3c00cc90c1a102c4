// The two cells of a version's row in a history table that choose what to compare: "from" and "to", one of each
// per table, the newest version chosen as "to" and the one before it as "from" (the only one as both when there
// is one). Shared by the editorial history and the incident record's.

export function VersionPicks(props: { n: number; index: number; count: number; fromLabel: string; toLabel: string }) {
  const { n, index, count } = props;
  return (
    <>
      <td>
        <input
          type="radio"
          name="from"
          value={String(n)}
          checked={index === 1 || (count === 1 && index === 0)}
          aria-label={props.fromLabel}
        />
      </td>
      <td>
        <input type="radio" name="to" value={String(n)} checked={index === 0} aria-label={props.toLabel} />
      </td>
    </>
  );
}
