/**
 * One crate job, whoever started it: {@link dev.graft.job.CrateJob} is a crate's toolchain, helper library,
 * backend and code generation options, made in one place ({@link dev.graft.job.CrateJob#prepare}) with what the
 * session's memo remembers ({@link dev.graft.job.WarmFacts}), and turns one unit's bitcode into its object and
 * report. {@code graft rustc} is a job with one unit written in place, the cargo wrapper one with N units put
 * into an archive or onto a link line ({@code cargo} keeps only those mechanics), {@code graft link} one from a
 * file. The backend a name chooses is made here too ({@link dev.graft.job.BackendSettings}).
 */
package dev.graft.job;
