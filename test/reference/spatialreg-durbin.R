# Reference values for test/spatialDurbin.test.ts: spatial Durbin (SDM) and spatial Durbin error (SDEM) models on
# Columbus (spData::columbus, col.gal.nb, style "W"), spatialreg 1.2-6, method "eigen", Durbin = TRUE and
# Durbin = ~ INC; impacts() of the SDM, exact (eigenvalues) and by traces (trW, Q = 30).
# SAC (sacsarlm, analytical asymptotic vcov; and with control fdHess = TRUE its numerical Hessian, sqrt(diag(fdHess)))
# and GNS (sacsarlm Durbin = TRUE).
# Run from the repository root: Rscript test/reference/spatialreg-durbin.R  (writes test/reference/spatialreg-durbin.json)
suppressPackageStartupMessages({ library(spData); library(spdep); library(spatialreg); library(jsonlite) })
data(columbus, package = "spData")
lw <- nb2listw(col.gal.nb, style = "W")
f <- CRIME ~ INC + HOVAL
fit <- function(m, par) list(parameter = unname(m[[par]]), parameterStdError = unname(m[[paste0(par, ".se")]]),
                             terms = names(coef(m))[-1], coefficients = unname(m$coefficients), stdError = unname(m$rest.se),
                             logLik = as.numeric(logLik(m)), sigma2 = unname(m$s2))
sdm <- lagsarlm(f, data = columbus, listw = lw, method = "eigen", Durbin = TRUE)
sdmInc <- lagsarlm(f, data = columbus, listw = lw, method = "eigen", Durbin = ~ INC)
sdem <- errorsarlm(f, data = columbus, listw = lw, method = "eigen", Durbin = TRUE)
imp <- impacts(sdm, listw = lw)
trW <- trW(as(lw, "CsparseMatrix"), type = "mult", m = 30)
impTr <- impacts(sdm, tr = trW, Q = 30)
slxm <- lmSLX(f, data = columbus, listw = lw)
slxi <- summary(impacts(slxm))
sar <- lagsarlm(f, data = columbus, listw = lw, method = "eigen")
sem <- errorsarlm(f, data = columbus, listw = lw, method = "eigen")
lr <- function(a, b) { t <- LR.Sarlm(a, b); list(statistic = as.numeric(t$statistic), df = as.numeric(t$parameter), pValue = as.numeric(t$p.value)) }
# Wald test of theta = 0 in the SDM from its asymptotic covariance (spatialreg's vcov of the SDM), and the
# common-factor Wald test theta + rho beta = 0 by the delta method (Burridge 1981; Elhorst 2014, sec. 2.9)
Vs <- vcov(sdm); th <- c("lag.INC", "lag.HOVAL"); bt <- c("INC", "HOVAL")
bth <- coef(sdm)[th]; waldTheta <- as.numeric(t(bth) %*% solve(Vs[th, th]) %*% bth)
rho <- sdm$rho; g <- coef(sdm)[th] + rho * coef(sdm)[bt]
J <- matrix(0, 2, ncol(Vs), dimnames = list(NULL, colnames(Vs)))
for (j in 1:2) { J[j, "rho"] <- coef(sdm)[bt[j]]; J[j, bt[j]] <- rho; J[j, th[j]] <- 1 }
waldCF <- as.numeric(t(g) %*% solve(J %*% Vs %*% t(J)) %*% g)
sacm <- sacsarlm(f, data = columbus, listw = lw, method = "eigen")
sacH <- sacsarlm(f, data = columbus, listw = lw, method = "eigen", control = list(fdHess = TRUE))
gns <- sacsarlm(f, data = columbus, listw = lw, method = "eigen", Durbin = TRUE)
sacfit <- function(m) list(rho = unname(m$rho), lambda = unname(m$lambda), rhoStdError = unname(m$rho.se), lambdaStdError = unname(m$lambda.se),
  terms = names(m$coefficients), coefficients = unname(m$coefficients), stdError = unname(m$rest.se), logLik = as.numeric(logLik(m)), sigma2 = unname(m$s2))
ip <- function(i) list(direct = unname(i$direct), indirect = unname(i$indirect), total = unname(i$total))
out <- list(source = sprintf("R %s.%s, spatialreg %s, spdep %s", R.version$major, R.version$minor, packageVersion("spatialreg"), packageVersion("spdep")),
            sdm = fit(sdm, "rho"), sdmInc = fit(sdmInc, "rho"), sdem = fit(sdem, "lambda"),
            impacts = ip(imp), impactsTrace = ip(impTr), impactsIncOnly = ip(impacts(sdmInc, listw = lw)),
            lrSdmSar = lr(sdm, sar), lrSdmSem = lr(sdm, sem), lrSdemSem = lr(sdem, sem),
            lrSdmSlx = lr(sdm, slxm), lrSdemSlx = lr(sdem, slxm), aicSdm = AIC(sdm), aicSdem = AIC(sdem),
            lmOls = lapply(lm.LMtests(lm(f, data = columbus), lw, test = c("LMlag", "LMerr", "RLMlag", "RLMerr")), function(t) as.numeric(t$statistic)),
            waldTheta = list(statistic = waldTheta, df = 2, pValue = pchisq(waldTheta, 2, lower.tail = FALSE)),
            waldCommonFactor = list(statistic = waldCF, df = 2, pValue = pchisq(waldCF, 2, lower.tail = FALSE)),
            vcovNames = colnames(Vs),
            sacImpacts = ip(lapply(unclass(impacts(sacm, listw = lw))[c("direct", "indirect", "total")], as.vector)),
            gnsImpacts = ip(lapply(unclass(impacts(gns, listw = lw))[c("direct", "indirect", "total")], as.vector)),
            sac = sacfit(sacm), sacFdHessStdError = unname(sqrt(diag(sacH$fdHess))), gns = sacfit(gns),
            slx = list(terms = names(coef(slxm)), coefficients = unname(coef(slxm)), stdError = unname(sqrt(diag(vcov(slxm)))),
                       impacts = ip(slxi$impacts), se = ip(slxi$se)))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "test/reference/spatialreg-durbin.json")
