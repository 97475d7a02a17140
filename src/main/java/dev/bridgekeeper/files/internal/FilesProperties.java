package dev.bridgekeeper.files.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on uploaded files, enforced by the server whoever uploads ({@code bridgekeeper.files.*}).
 *
 * @param maxFileSize        largest single file (Codat's limit is 10 MB)
 * @param maxFilesPerRequest most files in one upload (Codat's limit is 20)
 * @param maxRequestSize     largest upload request body, all files and multipart framing together
 * @param maxFilesPerCompany most files one company may hold
 * @param maxBytesPerCompany most bytes one company's files may hold together
 */
@ConfigurationProperties("bridgekeeper.files")
record FilesProperties(@DefaultValue("10MB") DataSize maxFileSize, @DefaultValue("20") int maxFilesPerRequest,
        @DefaultValue("60MB") DataSize maxRequestSize, @DefaultValue("100") int maxFilesPerCompany,
        @DefaultValue("200MB") DataSize maxBytesPerCompany) {}
