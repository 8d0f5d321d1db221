/** What a field hands the control it holds: its id and the accessible wiring to its hint and error. */
export interface FieldControl {
  id: string;
  describedby: string | undefined;
  invalid: true | undefined;
}
