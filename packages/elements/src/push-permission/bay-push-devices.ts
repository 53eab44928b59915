import { define } from '../internal/baylink-element.ts';
import { BayPushDevices } from './push-devices.ts';

export { BayPushDevices };

define('bay-push-devices', BayPushDevices);

declare global {
  interface HTMLElementTagNameMap {
    'bay-push-devices': BayPushDevices;
  }
}
