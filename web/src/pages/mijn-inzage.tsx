/** Built in the next commits. */
export function MijnInzage() {
  return <h1 class="utrecht-heading-1">MijnInzage</h1>;
}
