import type {
  DeliveryPage,
  DeliveryQuery,
  QuietHours,
  RetryDeliveriesResult,
  UpdateQuietHours,
} from '../contract/delivery.ts';
import type { Transport } from './transport.ts';
import type { DeliveriesModule, QuietHoursModule } from './types.ts';

/** `client.deliveries`: the account's deliveries for admins (others get a 403). */
export function createDeliveriesModule(transport: Transport): DeliveriesModule {
  return {
    list(query: DeliveryQuery = {}) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) {
        if (value !== undefined) params.set(key, String(value));
      }
      const search = params.size > 0 ? `?${params}` : '';
      return transport.request<DeliveryPage>(`/v1/deliveries${search}`);
    },
    retry(ids: string[]) {
      return transport.request<RetryDeliveriesResult>('/v1/deliveries/retry', {
        method: 'POST',
        body: { ids },
      });
    },
  };
}

/** `client.quietHours`: the signed-in user's quiet hours (push and mobile wait during them). */
export function createQuietHoursModule(transport: Transport): QuietHoursModule {
  return {
    get: () => transport.request<QuietHours>('/v1/me/quiet-hours'),
    set: (input: UpdateQuietHours) =>
      transport.request<QuietHours>('/v1/me/quiet-hours', { method: 'PUT', body: input }),
  };
}
