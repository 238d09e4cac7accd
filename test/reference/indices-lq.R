# Reference values for lib/indices/locationQuotient.ts (and concentration measures), computed
# independently in base R. Inputs are synthetic (illustrative numbers made up for the test, not data).
# Run: Rscript test/reference/indices-lq.R  (writes test/reference/indices-lq.json)
suppressPackageStartupMessages(library(jsonlite))
out <- list()

# Long data: 3 regions x 3 sectors x 2 years (synthetic)
long <- expand.grid(sector = c("fin", "ind", "oth"), region = c("A", "B", "C"), year = c(2010, 2011),
                    stringsAsFactors = FALSE)[, c("region", "sector", "year")]
long$value <- c(12, 40, 48,  5, 60, 35,  3, 20, 77,
                15, 42, 50,  6, 58, 40,  4, 25, 70)
lq <- numeric(nrow(long))
for (y in unique(long$year)) {
  s <- long$year == y
  d <- long[s, ]
  X <- sum(d$value)
  Xr <- tapply(d$value, d$region, sum)[d$region]
  Xs <- tapply(d$value, d$sector, sum)[d$sector]
  lq[s] <- (d$value / Xr) / (Xs / X)
}
long$lq <- lq
out$long <- long

# Wide data: financial-depth LQ = ((loans + deposits)_i / GDP_i) / (sum(loans + deposits) / sum(GDP)) per year (synthetic)
wide <- data.frame(region = rep(c("A", "B", "C", "D"), 2), year = rep(c(2018, 2019), each = 4),
                   loans = c(10, 22, 7, 30, 12, 25, 8, 31), deposits = c(14, 30, 9, 41, 15, 33, 10, 44),
                   gdp = c(20, 35, 18, 40, 21, 37, 19, 43))
fl <- wide$loans + wide$deposits
wide$ratio <- fl / wide$gdp
wide$lq <- ave(seq_len(nrow(wide)), wide$year, FUN = function(i) (fl[i] / wide$gdp[i]) / (sum(fl[i]) / sum(wide$gdp[i])))
out$wide <- wide

writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "test/reference/indices-lq.json")
