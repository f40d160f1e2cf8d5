import fc from "fast-check";

// Locally every run explores new random cases (a failure prints its seed to replay it).
// In CI the seed is fixed, so that whether a submission lands does not depend on chance.
if (process.env.CI) fc.configureGlobal({ seed: 20_261_127 });
