import type { AddGuestResponse, Guest } from '@unitroom/shared';
import { useState, type FormEvent } from 'react';
import { addGuest, revokeGuest } from '../../api/meetings';

/**
 * Partner professionals (health, school, police) invited to this meeting only. The coordinator
 * gives the guest their e-mail address and the password shown here once; the guest signs in on
 * the usual page and sees this meeting and the families on its agenda, read-only unless allowed
 * to edit. Access ends when removed here or when the meeting is closed.
 */
export function GuestsPanel({
  meetingId,
  guests,
  onChanged,
}: {
  meetingId: string;
  guests: Guest[];
  onChanged(): void;
}) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [canEdit, setCanEdit] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<AddGuestResponse | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    addGuest(meetingId, { name, email, canEdit }).then(
      (result) => {
        setAdded(result);
        setName('');
        setEmail('');
        setCanEdit(false);
        onChanged();
      },
      (reason: unknown) =>
        setError(reason instanceof Error ? reason.message : 'The guest could not be added.'),
    );
  };

  return (
    <section className="home-section" aria-labelledby="guests-heading">
      <h2 id="guests-heading" className="heading-m">
        Guests
      </h2>
      {added && added.oneTimePassword !== null && (
        <div className="notice" role="status">
          <p className="notice__message">
            {added.guest.name} can now sign in with {added.guest.email} and this password:
          </p>
          <p>
            <code className="one-time-password">{added.oneTimePassword}</code>
          </p>
          <p>It will not be shown again. It works for this meeting only, until it is closed.</p>
        </div>
      )}
      {added && added.oneTimePassword === null && (
        <div className="notice" role="status">
          <p className="notice__message">
            {added.guest.name} already has a Unitroom account. They sign in with {added.guest.email}{' '}
            as they usually do and will find this meeting there.
          </p>
        </div>
      )}
      {guests.length === 0 ? (
        <p>No guests are invited to this meeting.</p>
      ) : (
        <ul className="member-list">
          {guests.map((guest) => (
            <li key={guest.userId} className="member-list__item">
              <span className="member-list__name">{guest.name}</span>{' '}
              <span className="member-list__role">
                {guest.email} · {guest.canEdit ? 'can edit the minutes' : 'read only'}
              </span>{' '}
              <button
                type="button"
                className="button button--secondary button--small"
                aria-label={`Remove access: ${guest.name}`}
                onClick={() =>
                  revokeGuest(meetingId, guest.userId).then(onChanged, () =>
                    setError('The guest could not be removed. Try again.'),
                  )
                }
              >
                Remove access
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} className="guest-form">
        <h3 className="heading-s">Invite a guest</h3>
        <div className="form-group">
          <label className="label" htmlFor="guest-name">
            Name
          </label>
          <input
            id="guest-name"
            className="input"
            autoComplete="off"
            required
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="form-group">
          <label className="label" htmlFor="guest-email">
            E-mail address
          </label>
          <input
            id="guest-email"
            className="input"
            type="email"
            autoComplete="off"
            spellCheck={false}
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="checkbox">
          <input
            id="guest-can-edit"
            className="checkbox__input"
            type="checkbox"
            checked={canEdit}
            onChange={(event) => setCanEdit(event.target.checked)}
          />
          <label className="checkbox__label" htmlFor="guest-can-edit">
            Can edit this meeting's minutes (otherwise read only)
          </label>
        </div>
        {error && (
          <p className="error-message" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button">
          Invite guest
        </button>
      </form>
    </section>
  );
}
