# Reference values for test/chowTest.test.ts, test/suestDifference.test.ts and test/groupPermutationTest.test.ts:
# group-difference (moderation) tests on plm::Grunfeld (10 firms x 20 years), inv ~ value + capital, firm fixed
# effects, groups: firms 1-5 ("large") and 6-10 ("small"); the indicator D = 1 for "small" (the second level).
#   chow     lm(inv ~ value + capital + value:D + capital:D + factor(firm)) (D itself is absorbed by the firm
#            effects); Wald F of the two interactions with vcov classical (= the Chow F from the separate and
#            pooled residual sums of squares, computed too) and cluster-robust by firm with the Stata factor
#            G/(G-1)(n-1)/(n-K), K = slopes + 1 (sandwich::vcovCL HC0 times the factor), F on (2, G - 1);
#            without effects: lm(inv ~ (value + capital) * D) and car::linearHypothesis (classical Chow F).
#   suest    the two groups estimated separately (lm with firm dummies); influence functions
#            estfun %*% bread / n = (X'X)^-1 x_i u_i stacked, summed by cluster (firm, or year: then the two
#            groups' scores are correlated), V = G/(G-1) sum_g h_g h_g' (Stata suest), Wald chi2 of b_small - b_large.
#   permute  all choose(10, 5) = 252 assignments of the "small" label to five firms: the exact permutation
#            distribution of b_small - b_large for value (interaction model refitted), p = mean(|d*| >= |d|).
# Run: Rscript test/reference/group-difference.R  (from test/reference; writes group-difference.json)
suppressPackageStartupMessages({ library(plm); library(sandwich); library(car); library(jsonlite) })
data("Grunfeld", package = "plm")
g <- Grunfeld[, c("firm", "year", "inv", "value", "capital")]
g$size <- ifelse(g$firm <= 5, "large", "small"); g$D <- as.numeric(g$size == "small")
n <- nrow(g); G <- 10
ints <- c("value:D", "capital:D")
m <- lm(inv ~ value + capital + value:D + capital:D + factor(firm), data = g)
wald <- function(b, V) drop(t(b) %*% solve(V) %*% b)
Fiid <- wald(coef(m)[ints], vcov(m)[ints, ints]) / 2
mA <- lm(inv ~ value + capital + factor(firm), data = g[g$D == 0, ]); mB <- lm(inv ~ value + capital + factor(firm), data = g[g$D == 1, ])
mP <- lm(inv ~ value + capital + factor(firm), data = g)
rssU <- sum(resid(mA)^2) + sum(resid(mB)^2)
chowRss <- ((sum(resid(mP)^2) - rssU) / 2) / (rssU / (n - 4 - 10))
Vcl <- vcovCL(m, cluster = ~firm, type = "HC0", cadjust = FALSE) * G / (G - 1) * (n - 1) / (n - 5)
Fcl <- wald(coef(m)[ints], Vcl[ints, ints]) / 2
m0 <- lm(inv ~ (value + capital) * D, data = g)
lh <- linearHypothesis(m0, c("D = 0", "value:D = 0", "capital:D = 0"))
chow <- list(
  iid = list(statistic = Fiid, df1 = 2, df2 = df.residual(m), pValue = pf(Fiid, 2, df.residual(m), lower.tail = FALSE), rssForm = chowRss,
             differences = unname(coef(m)[ints]), stdErrors = unname(sqrt(diag(vcov(m))[ints]))),
  cluster = list(statistic = Fcl, df1 = 2, df2 = G - 1, pValue = pf(Fcl, 2, G - 1, lower.tail = FALSE), stdErrors = unname(sqrt(diag(Vcl)[ints]))),
  pooled = list(statistic = lh$F[2], df1 = 3, df2 = df.residual(m0), pValue = lh$`Pr(>F)`[2])
)
infl <- function(mm) (estfun(mm) %*% bread(mm) / nobs(mm))[, c("value", "capital")]
H <- matrix(0, n, 4); rA <- which(g$D == 0); rB <- which(g$D == 1)
H[rA, 1:2] <- infl(mA); H[rB, 3:4] <- infl(mB)
suest <- function(cl) {
  Hg <- rowsum(H, cl); Gc <- nrow(Hg); V <- Gc / (Gc - 1) * crossprod(Hg)
  C <- cbind(diag(2), -diag(2)); d <- coef(mB)[c("value", "capital")] - coef(mA)[c("value", "capital")]
  Vd <- C %*% V %*% t(C); W <- drop(t(d) %*% solve(Vd) %*% d)
  list(statistic = W, df = 2, pValue = pchisq(W, 2, lower.tail = FALSE), differences = unname(d), stdErrors = unname(sqrt(diag(Vd))),
       valueOnly = unname(d[1]^2 / Vd[1, 1]), crossCovariance = V[1, 3])
}
sFirm <- suest(g$firm); sYear <- suest(g$year)
d0 <- unname(coef(m)["value:D"])
assign <- combn(10, 5)
dperm <- apply(assign, 2, function(small) {
  gg <- g; gg$D <- as.numeric(gg$firm %in% small)
  unname(coef(lm(inv ~ value + capital + value:D + capital:D + factor(firm), data = gg))["value:D"])
})
perm <- list(statistic = d0, pValue = mean(abs(dperm) >= abs(d0) * (1 - 1e-10)), count = ncol(assign), sorted = sort(dperm))
out <- list(source = sprintf("R %s.%s, plm %s, sandwich %s, car %s", R.version$major, R.version$minor, packageVersion("plm"),
                             packageVersion("sandwich"), packageVersion("car")),
            chow = chow, suestFirm = sFirm, suestYear = sYear, permutation = perm, data = g[, c("firm", "year", "inv", "value", "capital", "size")])
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "group-difference.json")
str(out[c("chow", "suestFirm", "suestYear")]); str(perm[1:3])
