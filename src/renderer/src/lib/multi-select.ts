/** The values chosen in a multiple select, in the order it lists them (its change event's target). */
export function chosenValues(e: Event & { currentTarget: HTMLSelectElement }): string[] {
  return [...e.currentTarget.selectedOptions].map((o) => o.value);
}
