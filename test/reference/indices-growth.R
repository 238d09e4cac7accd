# Reference values for lib/indices/growth.ts, computed in base R.
# The rates 10% and 12% and "double by 2012 from 2009" are the targets stated in 集聚区范文篇7 and 篇8;
# the other inputs are synthetic.
# Run: Rscript test/reference/indices-growth.R  (writes test/reference/indices-growth.json)
suppressPackageStartupMessages(library(jsonlite))
out <- list(
  cagr_100_200_5 = (200 / 100)^(1 / 5) - 1,
  cagr_250_180_4 = (180 / 250)^(1 / 4) - 1,
  double_10pct = log(2) / log(1.10),
  double_12pct = log(2) / log(1.12),
  double_by_2012_from_2009 = 2^(1 / 3) - 1,
  required_130_to_400_in_2_5 = (400 / 130)^(1 / 2.5) - 1,
  compound_100_at_10pct_3y = 100 * 1.1^3
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "test/reference/indices-growth.json")
