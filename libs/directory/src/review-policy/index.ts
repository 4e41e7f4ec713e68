export * from './review-policy';
export * from './parse-review-policy';
export * from './review-policy-versions';
