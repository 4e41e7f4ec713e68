import type { Provider } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@incident/event-store';
import { ChangeRecorder } from './change-recorder';

export const CHANGES_PROVIDERS: Provider[] = [
  { provide: ChangeRecorder, inject: [EVENT_STORE], useFactory: (store: EventStore) => new ChangeRecorder(store) },
];
