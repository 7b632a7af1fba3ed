import{u as o}from"./spend-D-S9--He.js";import"node:module";import"./environment-D88COQ67.js";import"./Latch-YfuBOVgA.js";import"./shared-DAmK_2DH.js";await o();
