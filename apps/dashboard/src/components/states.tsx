export function Loading() {
  return <p className="muted" role="status">Loading…</p>;
}

export function Failure({ message }: { message: string }) {
  return (
    <p className="failure" role="alert">
      Failed to fetch data: {message}
    </p>
  );
}

export function Empty() {
  return <p className="muted">No data available</p>;
}
