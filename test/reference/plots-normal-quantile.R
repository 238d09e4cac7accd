# Reference for test/plots-charts.test.ts: standard normal quantiles from R's qnorm.
# Run from the repository root: Rscript test/reference/plots-normal-quantile.R
suppressMessages(library(jsonlite))
p <- c(1e-6, 0.001, 0.02425, 0.05, 0.3, 0.5, 0.8, 0.975, 0.99, 0.999999)
writeLines(toJSON(list(generated_by = "test/reference/plots-normal-quantile.R", R = R.version.string, p = p, q = qnorm(p)),
                  digits = NA, auto_unbox = TRUE), "test/reference/plots-normal-quantile.json")
