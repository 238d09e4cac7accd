# Reference values for test/eventStudy.test.ts: two-way fixed-effects event study and DID on a SYNTHETIC staggered
# panel generated here (seed 20261203; 60 units x 12 years; cohorts adopt in years 5, 7, 9, one third never;
# effect 0 before adoption and 0.5 + 0.25 k in period k >= 0 after it; unit and year effects; N(0, 1) noise).
# Event-time dummies D_k = 1[year - adoption = k] for treated units, window [-4, 4] with binned endpoints
# (k <= -4 and k >= 4), reference period k = -1 omitted; plm 2.6-2 within, effect = "twoways";
# classical and vcovHC(method = "arellano", type = "HC1") (clustered by unit, plm convention).
# Pre-trend test: Wald F of the lead coefficients (k = -4, -3, -2) under the clustered variance, F(3, df residual).
# Run: Rscript test/reference/event-study.R  (from test/reference; writes event-study.json)
suppressPackageStartupMessages({ library(plm); library(jsonlite) })
set.seed(20261203)
N <- 60; Tn <- 12
unit <- rep(1:N, each = Tn); year <- rep(1:Tn, times = N)
cohort <- rep(c(5, 7, 9, NA), length.out = N)
g <- cohort[unit]
a <- rnorm(N)[unit]; b <- rnorm(Tn)[year]
x <- rnorm(N * Tn)
k <- ifelse(is.na(g), NA, year - g)
effect <- ifelse(!is.na(k) & k >= 0, 0.5 + 0.25 * k, 0)
y <- a + b + 0.8 * x + effect + rnorm(N * Tn)
d <- data.frame(unit, year, y, x, adoption = g)
ks <- c(-4, -3, -2, 0, 1, 2, 3, 4)
nm <- function(kk) if (kk < 0) paste0("lead_", -kk) else paste0("lag_", kk)
for (kk in ks) {
  hit <- if (kk == -4) !is.na(k) & k <= -4 else if (kk == 4) !is.na(k) & k >= 4 else !is.na(k) & k == kk
  d[[nm(kk)]] <- as.numeric(hit)
}
pd <- pdata.frame(d, index = c("unit", "year"))
f <- as.formula(paste("y ~ x +", paste(sapply(ks, nm), collapse = " + ")))
m <- plm(f, data = pd, model = "within", effect = "twoways")
Vc <- vcovHC(m, method = "arellano", type = "HC1", cluster = "group")
leads <- c("lead_4", "lead_3", "lead_2")
bl <- coef(m)[leads]; Wl <- as.numeric(t(bl) %*% solve(Vc[leads, leads]) %*% bl)
d$treated_post <- as.numeric(!is.na(d$adoption) & d$year >= d$adoption)
pd2 <- pdata.frame(d, index = c("unit", "year"))
m2 <- plm(y ~ x + treated_post, data = pd2, model = "within", effect = "twoways")
out <- list(
  source = sprintf("R %s.%s, plm %s; SYNTHETIC data generated in this script", R.version$major, R.version$minor, packageVersion("plm")),
  data = d[, c("unit", "year", "y", "x", "adoption")],
  terms = names(coef(m)), coefficients = unname(coef(m)), stdError = unname(sqrt(diag(vcov(m)))),
  seCluster = unname(sqrt(diag(Vc))), dfResidual = df.residual(m),
  preTrend = list(statistic = Wl / 3, df1 = 3, df2 = df.residual(m), pValue = pf(Wl / 3, 3, df.residual(m), lower.tail = FALSE)),
  did = list(terms = names(coef(m2)), coefficients = unname(coef(m2)), seCluster = unname(sqrt(diag(vcovHC(m2, method = "arellano", type = "HC1", cluster = "group")))))
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, na = "null"), "event-study.json")
