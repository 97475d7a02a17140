/**
 * Companies: the lender's small-business customers, their tags and the identifiers of the products assigned to
 * them. Other modules use {@link dev.bridgekeeper.company.CompanyDirectory} (answering
 * {@link dev.bridgekeeper.company.CompanyReference} and {@link dev.bridgekeeper.company.CompanyDetails}) and
 * {@link dev.bridgekeeper.company.CompanyProducts}, and hear {@link dev.bridgekeeper.company.CompanyCreated},
 * {@link dev.bridgekeeper.company.CompanyDeleted}, {@link dev.bridgekeeper.company.CompanyProductAdded} and
 * {@link dev.bridgekeeper.company.CompanyProductRemoved}. A company's {@code dataConnections} come through
 * {@link dev.bridgekeeper.company.CompanyConnections}, which the connection module implements, so this module
 * depends on no other.
 */
@ApplicationModule(displayName = "Companies")
package dev.bridgekeeper.company;

import org.springframework.modulith.ApplicationModule;
