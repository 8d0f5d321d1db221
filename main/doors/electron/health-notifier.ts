/**
 * The desktop notification of the health check: after a `health.run` that found something new, Electron's
 * Notification shows what the core worded (main/app/health/health-notification.ts decides and words it).
 */
import { Notification } from 'electron';
import type { HealthRun } from '../../../shared/api/health-schemas.js';
import type { Dispatcher } from '../../app/core/dispatcher.js';
import { healthNotification } from '../../app/health/health-notification.js';

export function withHealthNotifications(dispatch: Dispatcher): Dispatcher {
  return async (channel, input) => {
    const result = await dispatch(channel, input);
    if (channel === 'health.run' && result.ok && Notification.isSupported()) {
      const message = healthNotification(result.value as HealthRun);
      if (message) new Notification({ title: message.title, body: message.body }).show();
    }
    return result;
  };
}
