# Reference values for lib/regression (ols) and lib/formula (modelMatrix) tests.
# Data: spData::columbus (Anselin 1988), 49 neighbourhoods. Run: Rscript test/reference/ols-columbus.R
# Writes test/reference/ols-columbus.json next to this script.
suppressPackageStartupMessages({ library(spData); library(sandwich); library(jsonlite) })
data(columbus, package = "spData")
d <- columbus
# Grouping columns used only to exercise factor coding and clustered errors (derived from POLYID, synthetic labels):
d$district <- c("North", "East", "South", "West")[(d$POLYID %% 4) + 1]
d$cluster10 <- (d$POLYID - 1) %/% 5
cols <- c("POLYID", "CRIME", "INC", "HOVAL", "DISCBD", "OPEN", "PLUMB", "NSA", "EW", "CP", "district", "cluster10")
data <- d[, cols]

mm_formulas <- c(
  "CRIME ~ INC + log(HOVAL) + I(INC^2) + INC:HOVAL",
  "CRIME ~ INC*HOVAL - 1",
  "CRIME ~ INC + factor(district)",
  "CRIME ~ INC + INC:factor(district)",
  "CRIME ~ factor(district) - 1",
  "log(CRIME) ~ sqrt(HOVAL) + exp(I(INC/10)) + abs(I(DISCBD - 3))"
)
mm <- lapply(mm_formulas, function(f) {
  m <- model.matrix(as.formula(f), data)
  list(formula = f, columnNames = colnames(m), X = as.vector(m), n = nrow(m), k = ncol(m),
       y = as.vector(model.response(model.frame(as.formula(f), data))))
})

ols_formulas <- c("CRIME ~ INC + HOVAL", "CRIME ~ INC + HOVAL + DISCBD + log(OPEN + 1)")
fits <- lapply(ols_formulas, function(f) {
  m <- lm(as.formula(f), data)
  s <- summary(m)
  vc <- list(
    classical = vcov(m),
    HC0 = vcovHC(m, type = "HC0"),
    HC1 = vcovHC(m, type = "HC1"),
    HC3 = vcovHC(m, type = "HC3"),
    HC2 = vcovHC(m, type = "HC2"),  # used by test/estimators.test.ts (an estimator added in one file)
    cluster10 = vcovCL(m, cluster = ~cluster10, type = "HC1")  # sandwich default: HC1 with G/(G-1) adjustment
  )
  list(
    formula = f,
    terms = names(coef(m)),
    coefficients = unname(coef(m)),
    stdError = unname(s$coefficients[, 2]),
    tValue = unname(s$coefficients[, 3]),
    pValue = unname(s$coefficients[, 4]),
    sigma = s$sigma, r2 = s$r.squared, adjR2 = s$adj.r.squared,
    fStatistic = unname(s$fstatistic[1]), fDf1 = unname(s$fstatistic[2]), fDf2 = unname(s$fstatistic[3]),
    logLik = as.numeric(logLik(m)), aic = AIC(m), bic = BIC(m), dfResidual = m$df.residual,
    residuals = unname(residuals(m)), fitted = unname(fitted(m)),
    vcov = lapply(vc, function(v) as.vector(v))
  )
})

out <- list(
  source = paste("R", getRversion(), "lm + sandwich", packageVersion("sandwich"), "on spData", packageVersion("spData"), "columbus"),
  data = as.list(data),
  modelMatrix = mm,
  ols = fits
)
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
write_json(out, file.path(here, "ols-columbus.json"), digits = NA, auto_unbox = TRUE, pretty = FALSE)
