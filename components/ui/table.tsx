/** A plain data table: a header row of column titles and the rows given as children. */
export function Table({ headers, testId, className = "", children }: { headers: React.ReactNode[]; testId?: string; className?: string; children: React.ReactNode }) {
  return (
    <table className={`w-full text-left text-sm ${className}`} data-testid={testId}>
      <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
        <tr>
          {headers.map((h, i) => (
            <th key={i} className="px-3 py-2 font-medium">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">{children}</tbody>
    </table>
  );
}
