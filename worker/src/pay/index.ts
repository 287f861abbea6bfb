// The public face of `pay`: what other capabilities may use (a dependency rule holds them to it).
export * from './month-figures';
export * from './people';
export * from './plans';
export * from './rules';
