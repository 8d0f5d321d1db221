// @vitest-environment jsdom
/**
 * The kit's form field: label, hint and inline error, wired so a screen reader reads them with the control; and the
 * CSR subject list drawn from the contract, whose paths are the ones the core names in its errors.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import Field from '../../../renderer/src/kit/Field.svelte';
import type { FieldControl } from '../../../renderer/src/kit/field-control';
import { SUBJECT_FIELDS, emptySubject, fieldError } from '../../../renderer/src/steps/csr-fields';
import { contract } from '../../../shared/api/contract';
import { SubjectInputSchema } from '../../../shared/api/cert-schemas';

afterEach(() => cleanup());

describe('Field', () => {
  it('labels its input and points it at the hint while there is no error', () => {
    render(Field, { props: { id: 'csr-c', label: 'Country (C)', hint: 'Two letters.', maxlength: 2 } });
    const input = screen.getByLabelText('Country (C)');
    expect(input.id).toBe('csr-c');
    expect(input.getAttribute('maxlength')).toBe('2');
    expect(input.getAttribute('aria-describedby')).toBe('csr-c-help');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(document.getElementById('csr-c-help')?.textContent).toBe('Two letters.');
  });

  it('shows the error inline, marks the input invalid and describes it by the hint and the error', () => {
    render(Field, { props: { id: 'csr-c', label: 'Country (C)', hint: 'Two letters.', error: 'Country (C) is a two-letter ISO 3166 code, like US or DE.' } });
    const input = screen.getByLabelText('Country (C)');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('csr-c-help csr-c-error');
    expect(document.getElementById('csr-c-error')?.textContent).toBe('Country (C) is a two-letter ISO 3166 code, like US or DE.');
    // The step's notice announces the error; the inline copy does not announce it a second time.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('without a hint is described by the error alone', () => {
    render(Field, { props: { id: 'p2', label: 'Repeat', error: 'They differ.' } });
    expect(screen.getByLabelText('Repeat').getAttribute('aria-describedby')).toBe('p2-error');
  });

  it('hands its id and wiring to a control it does not draw itself', () => {
    const control = createRawSnippet((c: () => FieldControl) => ({
      render: () => `<select id="${c().id}" aria-describedby="${c().describedby}" aria-invalid="${String(c().invalid)}"><option>RSA</option></select>`,
    }));
    render(Field, { props: { id: 'csr-key-type', label: 'Key type', hint: 'RSA by default.', error: 'Pick one.', control } });
    const select = screen.getByLabelText('Key type');
    expect(select.tagName).toBe('SELECT');
    expect(select.getAttribute('aria-describedby')).toBe('csr-key-type-help csr-key-type-error');
    expect(select.getAttribute('aria-invalid')).toBe('true');
  });
});

describe('the CSR subject list', () => {
  it('lists every field of the contract\'s subject once, with unique ids', () => {
    expect(SUBJECT_FIELDS.map((f) => f.name).sort()).toEqual(Object.keys(SubjectInputSchema.shape).sort());
    expect(new Set(SUBJECT_FIELDS.map((f) => f.id)).size).toBe(SUBJECT_FIELDS.length);
    expect(Object.keys(emptySubject()).sort()).toEqual(Object.keys(SubjectInputSchema.shape).sort());
  });

  it('names the path the core gives for a bad value, and the inline error is the schema\'s own words', () => {
    const checked = contract['csr.generate'].input.safeParse({ profileId: 'p', subject: { ...emptySubject(), country: '12' } });
    expect(checked.success).toBe(false);
    const issue = checked.error?.issues.find((i) => i.path[0] === 'subject');
    const path = issue?.path.join('.');
    const country = SUBJECT_FIELDS.find((f) => f.name === 'country');
    expect(path).toBe(country?.path);
    const error = { field: path, message: `${path}: ${issue?.message}` };
    expect(fieldError(error, country?.path ?? '')).toBe('Country (C) is a two-letter ISO 3166 code, like US or DE.');
    expect(fieldError(error, 'subject.email')).toBeUndefined();
    expect(fieldError(null, 'subject.country')).toBeUndefined();
  });
});
