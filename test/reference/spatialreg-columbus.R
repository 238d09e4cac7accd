# Reference values for lmTests, spatialLag, spatialError and impacts on Columbus
# (spData::columbus with spData::col.gal.nb, style "W"; Anselin 1988).
# Run from the repository root: Rscript test/reference/spatialreg-columbus.R
# Writes test/reference/spatialreg-columbus.json and test/reference/spatialreg-columbus.gal.
suppressPackageStartupMessages({ library(spData); library(spdep); library(spatialreg); library(jsonlite) })
data(columbus, package = "spData")
nb <- col.gal.nb
# the neighbour list is in data-row order; its region ids are the row names ("1005", "1001", ...)
stopifnot(identical(as.character(attr(nb, "region.id")), rownames(columbus)))
write.nb.gal(nb, "test/reference/spatialreg-columbus.gal", oldstyle = FALSE, shpfile = "columbus", ind = "id")
lw <- nb2listw(nb, style = "W")
f <- CRIME ~ INC + HOVAL

# LM tests (spdep 1.2-7 names: LMerr, LMlag, RLMerr, RLMlag, SARMA)
m <- lm(f, data = columbus)
lmt <- lm.LMtests(m, lw, test = "all")
lmtests <- lapply(lmt, function(t) list(statistic = unname(t$statistic), df = unname(t$parameter), pValue = unname(t$p.value)))

ht <- function(h) list(statistic = as.numeric(h$statistic), df = as.numeric(h$parameter), pValue = as.numeric(h$p.value))

# Spatial lag, method "eigen": analytical asymptotic variance (ase), as spatialreg does for "eigen"
lag <- lagsarlm(f, data = columbus, listw = lw, method = "eigen")
slag <- summary(lag)
lagOut <- list(
  rho = unname(lag$rho), rhoStdError = unname(lag$rho.se),
  terms = names(coef(lag))[-1], coefficients = unname(lag$coefficients), stdError = unname(lag$rest.se),
  logLik = as.numeric(logLik(lag)), aic = AIC(lag), sigma2 = unname(lag$s2),
  lrTest = ht(slag$LR1), waldTest = ht(slag$Wald1),
  lmResidualTest = list(statistic = as.numeric(lag$LMtest), df = 1, pValue = as.numeric(pchisq(lag$LMtest, 1, lower.tail = FALSE))),
  aicLm = unname(lag$AIC_lm.model),
  interval = unname(lag$interval),
  vcov = as.vector(lag$resvar), vcovNames = colnames(lag$resvar),
  fitted = unname(fitted(lag)), residuals = unname(residuals(lag))
)

# Impacts: exact (dense inverse through the listw) and trace-based (exact powers up to Q = 30)
imp <- impacts(lag, listw = lw)
W <- as(lw, "CsparseMatrix")
trMat <- trW(W, type = "mult", m = 30)
impTr <- impacts(lag, tr = trMat, Q = 30)
# Simulated inference for the impacts (R = 2000 draws from the asymptotic distribution of (rho, beta))
set.seed(1)
impSim <- impacts(lag, listw = lw, R = 2000)
simSE <- summary(impSim, zstats = TRUE, short = TRUE)$semat
impOut <- list(
  terms = attr(imp, "bnames"),
  direct = as.numeric(imp$direct), indirect = as.numeric(imp$indirect), total = as.numeric(imp$total),
  directTrace = as.numeric(impTr$direct), indirectTrace = as.numeric(impTr$indirect), totalTrace = as.numeric(impTr$total),
  traces = unname(as.numeric(trMat)),
  simulated = list(R = 2000, directStdError = unname(simSE[, "Direct"]), indirectStdError = unname(simSE[, "Indirect"]),
                   totalStdError = unname(simSE[, "Total"]))
)

# Spatial error, method "eigen": analytical asymptotic variance
err <- errorsarlm(f, data = columbus, listw = lw, method = "eigen")
serr <- summary(err)
errOut <- list(
  lambda = unname(err$lambda), lambdaStdError = unname(err$lambda.se),
  terms = names(coef(err))[-1], coefficients = unname(err$coefficients), stdError = unname(err$rest.se),
  logLik = as.numeric(logLik(err)), aic = AIC(err), sigma2 = unname(err$s2),
  lrTest = ht(serr$LR1), waldTest = ht(serr$Wald1),
  interval = unname(err$interval),
  fitted = unname(fitted(err)), residuals = unname(residuals(err))
)

# Log-determinant ln|I - rho W| at a few rho values, dense (R determinant)
Wd <- listw2mat(lw)
rhos <- c(-0.9, -0.3, 0, 0.25, 0.5, 0.9)
ld <- sapply(rhos, function(r) as.numeric(determinant(diag(49) - r * Wd, logarithm = TRUE)$modulus))
ev <- sort(Re(eigen(Wd, only.values = TRUE)$values))

out <- list(
  source = sprintf("R %s, spdep %s, spatialreg %s, spData %s", getRversion(), packageVersion("spdep"),
                   packageVersion("spatialreg"), packageVersion("spData")),
  formula = "CRIME ~ INC + HOVAL",
  data = list(id = rownames(columbus), POLYID = columbus$POLYID, CRIME = columbus$CRIME, INC = columbus$INC, HOVAL = columbus$HOVAL),
  lmTests = lmtests,
  ols = list(logLik = as.numeric(logLik(m))),
  lag = lagOut, impacts = impOut, error = errOut,
  logdet = list(rho = rhos, value = ld), eigenvalues = ev
)
write_json(out, "test/reference/spatialreg-columbus.json", digits = NA, auto_unbox = TRUE)
