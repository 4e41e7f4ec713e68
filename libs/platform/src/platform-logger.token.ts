/** Injection token of the service's pino logger (its own file, so providers can import it without cycles). */
export const PINO_LOGGER = Symbol('PINO_LOGGER');
