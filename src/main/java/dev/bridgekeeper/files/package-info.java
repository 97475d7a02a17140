/**
 * Files a customer uploads when their platform is not listed (bank statements, accounts), kept in PostgreSQL and
 * served to the lender through Codat's Files API; OFX and CAMT.053 statements also become banking data on the
 * company's upload connection. Other modules use {@link dev.bridgekeeper.files.UploadedFiles} with
 * {@link dev.bridgekeeper.files.FileId}; the HTTP endpoints and the upload connector are internal.
 */
@ApplicationModule(displayName = "Files")
package dev.bridgekeeper.files;

import org.springframework.modulith.ApplicationModule;
