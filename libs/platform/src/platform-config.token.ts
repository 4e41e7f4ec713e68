/** Injection token of the validated PlatformConfig of the running service. */
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
