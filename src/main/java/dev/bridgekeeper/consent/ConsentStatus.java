package dev.bridgekeeper.consent;

/** Where a consent record is in its life; it moves only through the consent transition table. */
public enum ConsentStatus { Active, Expired, Revoked, Superseded }
