-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "neighbourhoodId" TEXT NOT NULL,
    "originalLocale" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "place" TEXT NOT NULL,
    "latitude" REAL,
    "longitude" REAL,
    "organiser" TEXT NOT NULL,
    "capacity" INTEGER,
    "confirmedCount" INTEGER NOT NULL DEFAULT 0,
    "accessibility" TEXT NOT NULL DEFAULT '',
    "roundId" TEXT,
    "proposalId" TEXT,
    "cancelledAt" DATETIME,
    "cancelReason" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Event_neighbourhoodId_fkey" FOREIGN KEY ("neighbourhoodId") REFERENCES "Neighbourhood" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EventText" (
    "eventId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,

    PRIMARY KEY ("eventId", "locale"),
    CONSTRAINT "EventText_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Rsvp" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "userId" TEXT,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "cancelTokenHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Rsvp_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Rsvp_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Parklet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "originalLocale" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "builtBy" TEXT NOT NULL,
    "features" TEXT NOT NULL DEFAULT '[]',
    "photoFileName" TEXT,
    "photoAlt" TEXT NOT NULL DEFAULT '',
    "scheduleVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ParkletPlacement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "parkletId" TEXT NOT NULL,
    "neighbourhoodId" TEXT NOT NULL,
    "street" TEXT NOT NULL,
    "latitude" REAL,
    "longitude" REAL,
    "firstDay" TEXT NOT NULL,
    "lastDay" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PLANNED',
    "cancelReason" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ParkletPlacement_parkletId_fkey" FOREIGN KEY ("parkletId") REFERENCES "Parklet" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ParkletPlacement_neighbourhoodId_fkey" FOREIGN KEY ("neighbourhoodId") REFERENCES "Neighbourhood" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ParkletRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "neighbourhoodId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "street" TEXT NOT NULL,
    "wishedFrom" TEXT NOT NULL,
    "wishedUntil" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "supporters" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "declineReason" TEXT NOT NULL DEFAULT '',
    "placementId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ParkletRequest_neighbourhoodId_fkey" FOREIGN KEY ("neighbourhoodId") REFERENCES "Neighbourhood" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ParkletRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ParkletRequest_placementId_fkey" FOREIGN KEY ("placementId") REFERENCES "ParkletPlacement" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Event_neighbourhoodId_startsAt_idx" ON "Event"("neighbourhoodId", "startsAt");

-- CreateIndex
CREATE INDEX "Event_startsAt_idx" ON "Event"("startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Rsvp_cancelTokenHash_key" ON "Rsvp"("cancelTokenHash");

-- CreateIndex
CREATE INDEX "Rsvp_eventId_status_createdAt_idx" ON "Rsvp"("eventId", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Rsvp_eventId_email_key" ON "Rsvp"("eventId", "email");

-- CreateIndex
CREATE INDEX "ParkletPlacement_parkletId_status_idx" ON "ParkletPlacement"("parkletId", "status");

-- CreateIndex
CREATE INDEX "ParkletPlacement_neighbourhoodId_firstDay_idx" ON "ParkletPlacement"("neighbourhoodId", "firstDay");

-- CreateIndex
CREATE UNIQUE INDEX "ParkletRequest_placementId_key" ON "ParkletRequest"("placementId");

-- CreateIndex
CREATE INDEX "ParkletRequest_neighbourhoodId_status_idx" ON "ParkletRequest"("neighbourhoodId", "status");
