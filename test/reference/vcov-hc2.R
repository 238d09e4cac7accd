# Reference values for test/estimators.test.ts: HC2 (MacKinnon & White 1985) from R, to check that a variance
# estimator added in one file (test/helpers/hc2Estimator.ts) works in panel models too.
# plm's vcovHC computes HC2's leverages on the within-transformed design (vcovG: dhat(demX)).
# Run: Rscript test/reference/vcov-hc2.R  (writes vcov-hc2.json)
suppressPackageStartupMessages({ library(plm); library(jsonlite) })
data(Grunfeld, package = "plm")
g <- Grunfeld[, c("firm", "year", "inv", "value", "capital")]
m <- plm(inv ~ value + capital, data = g, index = c("firm", "year"), model = "within", effect = "individual")
v <- vcovHC(m, method = "white1", type = "HC2")
out <- list(
  source = sprintf("R %s, plm %s: plm(inv ~ value + capital, Grunfeld, within, individual); vcovHC(method = 'white1', type = 'HC2')",
                   paste(R.version$major, R.version$minor, sep = "."), packageVersion("plm")),
  terms = colnames(v), vcov = as.vector(t(v)), data = g
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "vcov-hc2.json")
