# Reference values for panelRE (time dummies, time and two-way effects) and the regression-based
# (Mundlak / Wooldridge) Hausman test, made with R's plm (Croissant & Millo 2008) and sandwich.
# Run from the repository root:  Rscript test/reference/plm-random.R
# Writes test/reference/plm-random.json (data included, so the tests need no R).
#
# Panels (same construction as test/reference/plm-within.R):
#   grunfeld    plm::Grunfeld, 10 firms x 20 years, balanced
#   grunfeld_u  Grunfeld with rows (firm + year) %% 7 == 0 removed and firm 10 kept for 1935 only
#   produc      plm::Produc, 48 US states x 17 years, balanced; lgsp = log(gsp), lpcap = log(pcap),
#               lpc = log(pc), lemp = log(emp), unemp (Munnell 1990), columns renamed firm / year
#               so every panel has the same index names
#   empluk      plm::EmplUK, 140 firms, 7-9 years, unbalanced; logs precomputed as lemp, lwage, lcap
#               (phtest(method = "aux") pastes column names into a formula, so names must be plain)
suppressMessages({library(plm); library(sandwich); library(jsonlite)})
options(digits = 15)

# The Grunfeld panels g and gu are built exactly as in test/reference/plm-within.R (kept in step by hand:
# each script stays runnable on its own; change both or neither).
data(Grunfeld, package = "plm")
g <- Grunfeld[, c("firm", "year", "inv", "value", "capital")]
gu <- g[!((g$firm + g$year) %% 7 == 0), ]
gu <- gu[!(gu$firm == 10 & gu$year != 1935), ]
data(EmplUK, package = "plm")
e <- data.frame(firm = EmplUK$firm, year = EmplUK$year, lemp = log(EmplUK$emp),
                lwage = log(EmplUK$wage), lcap = log(EmplUK$capital))
data(Produc, package = "plm")
p <- data.frame(firm = as.integer(factor(Produc$state)), year = Produc$year, lgsp = log(Produc$gsp),
                lpcap = log(Produc$pcap), lpc = log(Produc$pc), lemp = log(Produc$emp), unemp = Produc$unemp)

se <- function(V) unname(sqrt(diag(V)))

fitRE <- function(d, f, effect) {
  pd <- pdata.frame(d, index = c("firm", "year"))
  re <- plm(f, data = pd, model = "random", effect = effect, random.method = "swar")
  fe <- plm(f, data = pd, model = "within", effect = effect)
  h <- phtest(fe, re)
  ec <- ercomp(re)
  th <- ec$theta
  thetas <- if (is.list(th)) lapply(th, function(v) unname(as.numeric(v))) else list(id = unname(as.numeric(th)))
  list(terms = names(coef(re)), coef = unname(coef(re)), se = se(vcov(re)),
       sigma2 = as.list(ec$sigma2), theta = thetas,
       theta_range = lapply(thetas, range),
       r2 = unname(summary(re)$r.squared[["rsq"]]),
       df_residual = df.residual(re),
       hausman = list(statistic = unname(h$statistic), df = unname(h$parameter), p = unname(h$p.value)))
}

tryMsg <- function(expr) tryCatch({ expr; "no error" }, error = function(err) conditionMessage(err))

# Regression-based Hausman test (Wooldridge 2010, eq. 10.88): phtest(method = "aux") with and
# without a vcov function, plus the Stata small-sample convention computed by hand on the same
# auxiliary regression (plm 2.6-2 calls the vcov function on its pooled auxiliary model).
fitAux <- function(d, f, effect) {
  pd <- pdata.frame(d, index = c("firm", "year"))
  A <- function(v) { r <- phtest(f, data = pd, method = "aux", effect = effect, vcov = v)
    list(statistic = unname(r$statistic), df = unname(r$parameter), p = unname(r$p.value)) }
  out <- list(
    classical = A(NULL),
    arellano_hc0 = A(function(x) vcovHC(x, method = "arellano")),
    arellano_hc1 = A(function(x) vcovHC(x, method = "arellano", type = "HC1")),
    white1_hc1 = A(function(x) vcovHC(x, method = "white1", type = "HC1")))
  # the auxiliary regression by hand (RE-transformed y and X, within-transformed X, intercept)
  re <- plm(f, data = pd, model = "random", effect = effect)
  fe <- plm(f, data = pd, model = "within", effect = effect)
  y <- as.numeric(pmodel.response(re))
  Xr <- model.matrix(re, cstcovar.rm = "intercept")
  Xw <- model.matrix(fe, cstcovar.rm = "all")
  Z <- cbind(1, Xr, Xw)
  b <- solve(crossprod(Z), crossprod(Z, y))
  u <- as.numeric(y - Z %*% b)
  B <- solve(crossprod(Z))
  cl <- index(pd)[[1]]
  S <- rowsum(Z * u, cl)
  n <- nrow(Z); k <- ncol(Z); G <- nrow(S)
  V <- G / (G - 1) * (n - 1) / (n - k) * B %*% crossprod(S) %*% B
  sel <- (ncol(Xr) + 2):k
  W <- as.numeric(t(b[sel]) %*% solve(V[sel, sel], b[sel]))
  out$stata_hand <- list(statistic = W, df = length(sel), p = pchisq(W, length(sel), lower.tail = FALSE))
  Vh0 <- B %*% crossprod(S) %*% B
  W0 <- as.numeric(t(b[sel]) %*% solve(Vh0[sel, sel], b[sel]))
  out$hc0_hand <- W0
  out$aux_coef <- unname(as.numeric(b))
  out
}

# Mundlak (1978) form on a balanced panel: RE with the entity means added, cluster-robust Wald
# test of the means (plm re-estimates the variance components; the between regression drops the
# aliased means, so theta is unchanged and the statistic equals the auxiliary-regression form).
mundlakBalanced <- function(d) {
  d$m_value <- ave(d$value, d$firm); d$m_capital <- ave(d$capital, d$firm)
  pd <- pdata.frame(d, index = c("firm", "year"))
  re <- plm(inv ~ value + capital + m_value + m_capital, data = pd, model = "random")
  V <- vcovHC(re, method = "arellano")
  sel <- c("m_value", "m_capital")
  b <- coef(re)[sel]
  list(statistic = as.numeric(t(b) %*% solve(V[sel, sel], b)), theta = unname(as.numeric(ercomp(re)$theta)))
}

# With time dummies (entity effects, balanced panel) plm's phtest(method = "aux") cannot run (it
# pastes "factor(year)1936" into a formula). The same auxiliary regression by hand: lm() aliases
# the within copies of the dummies (collinear with the intercept and the RE-transformed dummies,
# since every entity mean of a dummy is 1/T), and the Wald test uses the remaining within copies
# with the cluster-robust HC0 sandwich (plm vcovHC(method = "arellano") convention).
auxByHand <- function(d, f) {
  pd <- pdata.frame(d, index = c("firm", "year"))
  re <- plm(f, data = pd, model = "random")
  fe <- plm(f, data = pd, model = "within")
  y <- as.numeric(pmodel.response(re))
  Xr <- model.matrix(re, cstcovar.rm = "intercept")
  Xw <- model.matrix(fe, cstcovar.rm = "all")
  colnames(Xw) <- paste0(colnames(Xw), ".within")
  Z <- cbind("(Intercept)" = 1, Xr, Xw)
  fit <- lm.fit(Z, y)
  ok <- !is.na(fit$coefficients)
  Zk <- Z[, ok, drop = FALSE]
  b <- fit$coefficients[ok]
  u <- fit$residuals
  B <- solve(crossprod(Zk))
  S <- rowsum(Zk * u, index(pd)[[1]])
  V <- B %*% crossprod(S) %*% B
  sel <- grep("\\.within$", colnames(Zk))
  W <- as.numeric(t(b[sel]) %*% solve(V[sel, sel], b[sel]))
  list(statistic = W, df = length(sel), p = pchisq(W, length(sel), lower.tail = FALSE),
       tested = sub("\\.within$", "", colnames(Zk)[sel]),
       aliased = sub("\\.within$", "", colnames(Z)[!ok]))
}

out <- list(
  plm_version = as.character(packageVersion("plm")),
  sandwich_version = as.character(packageVersion("sandwich")),
  data = list(grunfeld = g, grunfeld_u = gu, empluk = e, produc = p),
  random = list(
    grunfeld_year_dummies = fitRE(g, inv ~ value + capital + factor(year), "individual"),
    grunfeld_twoways = fitRE(g, inv ~ value + capital, "twoways"),
    grunfeld_time = fitRE(g, inv ~ value + capital, "time"),
    grunfeld_u_time = fitRE(gu, inv ~ value + capital, "time"),
    produc_twoways = fitRE(p, lgsp ~ lpcap + lpc + lemp + unemp, "twoways"),
    produc_time = fitRE(p, lgsp ~ lpcap + lpc + lemp + unemp, "time"),
    produc_year_dummies = fitRE(p, lgsp ~ lpcap + lpc + lemp + unemp + factor(year), "individual"),
    empluk_individual = fitRE(e, lemp ~ lwage + lcap, "individual"),
    empluk_time = fitRE(e, lemp ~ lwage + lcap, "time")),
  errors = list(
    empluk_year_dummies = tryMsg(plm(lemp ~ lwage + lcap + factor(year), data = pdata.frame(e, index = c("firm", "year")), model = "random")),
    grunfeld_u_year_dummies = tryMsg(plm(inv ~ value + capital + factor(year), data = pdata.frame(gu, index = c("firm", "year")), model = "random"))),
  aux = list(
    grunfeld = fitAux(g, inv ~ value + capital, "individual"),
    grunfeld_u = fitAux(gu, inv ~ value + capital, "individual"),
    empluk = fitAux(e, lemp ~ lwage + lcap, "individual"),
    grunfeld_twoways = fitAux(g, inv ~ value + capital, "twoways"),
    produc_twoways = fitAux(p, lgsp ~ lpcap + lpc + lemp + unemp, "twoways")),
  mundlak_balanced = mundlakBalanced(g),
  aux_year_dummies = list(
    grunfeld = auxByHand(g, inv ~ value + capital + factor(year)),
    produc = auxByHand(p, lgsp ~ lpcap + lpc + lemp + unemp + factor(year)))
)
write(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = FALSE, dataframe = "columns"),
      "test/reference/plm-random.json")
cat("wrote test/reference/plm-random.json\n")
