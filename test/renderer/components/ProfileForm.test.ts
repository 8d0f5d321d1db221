// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import ProfileForm from '../../../renderer/src/components/ProfileForm.svelte';
import type { Profile } from '../../../shared/api/profile-schemas';
import { appError } from '../../../shared/app-errors';
import type { Result } from '../../../shared/result';

afterEach(cleanup);

describe('ProfileForm', () => {
  it('validates inline with the contract\'s own rules and does not submit invalid input', async () => {
    const saved: unknown[] = [];
    render(ProfileForm, { props: { onsave: async (fields: unknown) => (saved.push(fields), appError('internal')) } });
    await fireEvent.input(screen.getByLabelText('Site URL'), { target: { value: 'http://meet.example.com' } });
    await fireEvent.blur(screen.getByLabelText('Site URL'));
    expect(await screen.findByText(/must use https:\/\//)).toBeTruthy();
    expect(screen.getByLabelText('Site URL').getAttribute('aria-invalid')).toBe('true');
    await fireEvent.submit(screen.getByRole('button', { name: 'Create profile' }));
    expect(saved).toEqual([]);
    expect(await screen.findByText(/Give the profile a name/)).toBeTruthy();
  });

  it('shows the defaults derived from the site URL and submits the fields', async () => {
    const saved: unknown[] = [];
    render(ProfileForm, {
      props: {
        onsave: async (fields: unknown): Promise<Result<Profile>> => {
          saved.push(fields);
          return appError('conflict', { message: 'A profile named "Prod" already exists.', field: 'name' });
        },
      },
    });
    await fireEvent.input(screen.getByLabelText('Profile name'), { target: { value: 'Prod' } });
    await fireEvent.input(screen.getByLabelText('Site URL'), { target: { value: 'https://meet.example.com' } });
    expect(screen.getByLabelText('SP entity ID').getAttribute('placeholder')).toBe('https://meet.example.com');
    expect(screen.getByLabelText('ACS URL').getAttribute('placeholder')).toBe('https://meet.example.com/dispatcher/SAML2AuthService?siteurl=meet');
    await fireEvent.submit(screen.getByRole('button', { name: 'Create profile' }));
    expect(saved).toEqual([{ name: 'Prod', siteUrl: 'https://meet.example.com', spEntityId: '', acsUrl: '' }]);
    // The core's answer about a field lands on that field.
    expect(await screen.findByText('A profile named "Prod" already exists.')).toBeTruthy();
  });
});
