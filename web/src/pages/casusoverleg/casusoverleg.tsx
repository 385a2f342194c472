/** Built in the next commits. */
export function Casusoverleg() {
  return <h1 class="utrecht-heading-1">Casusoverleg</h1>;
}
