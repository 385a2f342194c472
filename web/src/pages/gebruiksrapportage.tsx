/** Built in the next commits. */
export function Gebruiksrapportage() {
  return <h1 class="utrecht-heading-1">Gebruiksrapportage</h1>;
}
