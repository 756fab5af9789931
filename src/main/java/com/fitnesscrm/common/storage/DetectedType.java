package com.fitnesscrm.common.storage;

/** A file type recognised from the file's own bytes, with the MIME type it is stored and served as. */
public enum DetectedType {
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg"),
    GIF("image/gif", "gif"),
    WEBP("image/webp", "webp"),
    PDF("application/pdf", "pdf"),
    DOC("application/msword", "doc"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    TXT("text/plain; charset=utf-8", "txt"),
    MP4("video/mp4", "mp4"),
    MOV("video/quicktime", "mov"),
    AVI("video/x-msvideo", "avi");

    private final String mimeType;
    private final String extension;

    DetectedType(String mimeType, String extension) {
        this.mimeType = mimeType;
        this.extension = extension;
    }

    public String mimeType() {
        return mimeType;
    }

    public String extension() {
        return extension;
    }

    public boolean isImage() {
        return this == PNG || this == JPEG || this == GIF || this == WEBP;
    }
}
