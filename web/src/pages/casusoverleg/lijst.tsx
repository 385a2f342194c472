/** Built in the next commits. */
export function Casusoverleggen() {
  return <h1 class="utrecht-heading-1">Casusoverleggen</h1>;
}
