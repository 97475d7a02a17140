package dev.bridgekeeper.integration;

/** The kind of platform a connection reaches, in Codat's words. */
public enum SourceType { Accounting, Banking, BankFeed, Commerce, Expense, Other, Unknown }
