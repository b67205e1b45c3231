import fc from 'fast-check';

// An arbitrary given an upper bound (`maxLength`, `maxDepth`) generates values up to it. By
// default fast-check 4 sizes every arbitrary 'small' (arrays of about ten elements) whatever its
// bound, so a property written for sets of 300 hashes, or for arrays that cross a 64 Ki-word
// chunk, would never see one. Arbitraries without a bound keep the default size.
fc.configureGlobal({ defaultSizeToMaxWhenMaxSpecified: true });
