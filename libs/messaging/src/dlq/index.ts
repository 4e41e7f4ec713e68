export * from './dead-letter';
export * from './dead-letter-topic';
