/** Built in the next commits. */
export function Dashboard() {
  return <h1 class="utrecht-heading-1">Dashboard</h1>;
}
