/**
 * The CSR subject, listed once: each field's name in the contract, its path (what the core names in an error), the
 * input's id, its words from csr-text.ts and its input attributes. The step's state, draft, request, error focus and
 * markup are all drawn from this list.
 */
import type { z } from 'zod';
import type { SubjectInputSchema } from '../../../shared/api/cert-schemas';
import type { HTMLInputAttributes } from 'svelte/elements';
import { csrText } from '../text/csr-text';

/** The few input attributes a subject field sets. */
type InputAttributes = Pick<HTMLInputAttributes, 'type' | 'placeholder' | 'autocomplete' | 'maxlength'>;

export type SubjectName = keyof z.input<typeof SubjectInputSchema>;
export type Subject = Record<SubjectName, string>;

export interface SubjectField {
  name: SubjectName;
  /** Where the contract puts it, as the core names it in an error's `field`. */
  path: `subject.${SubjectName}`;
  id: string;
  /** The key it has in a saved draft (kept as it was, so drafts saved before still come back). */
  draftKey: string;
  label: string;
  hint: (host: string) => string;
  attributes: (host: string) => InputAttributes;
}

const field = (name: SubjectName, id: string, text: { label: string; help: string | ((host: string) => string) }, attributes: (host: string) => InputAttributes, draftKey: string = name): SubjectField => ({
  name,
  path: `subject.${name}`,
  id,
  draftKey,
  label: text.label,
  hint: typeof text.help === 'string' ? () => text.help as string : text.help,
  attributes,
});

export const SUBJECT_FIELDS: readonly SubjectField[] = [
  field('commonName', 'csr-cn', csrText.commonName, (host) => ({ placeholder: host, autocomplete: 'off' })),
  field('organization', 'csr-o', csrText.organization, () => ({ autocomplete: 'organization' })),
  field('organizationalUnit', 'csr-ou', csrText.organizationalUnit, () => ({})),
  field('locality', 'csr-l', csrText.locality, () => ({ autocomplete: 'address-level2' })),
  field('state', 'csr-st', csrText.state, () => ({ autocomplete: 'address-level1' }), 'stateField'),
  field('country', 'csr-c', csrText.country, () => ({ maxlength: 2, autocomplete: 'country' })),
  field('email', 'csr-email', csrText.email, () => ({ type: 'email', autocomplete: 'email' })),
];

/** An empty subject, one entry per listed field. */
export const emptySubject = (): Subject => Object.fromEntries(SUBJECT_FIELDS.map((f) => [f.name, ''])) as Subject;

/** The core's message for one field, without the "path: " it puts in front for the notice. */
export function fieldError(error: { field?: string | undefined; message: string } | null, path: string): string | undefined {
  if (!error || error.field !== path) return undefined;
  return error.message.startsWith(`${path}: `) ? error.message.slice(path.length + 2) : error.message;
}
